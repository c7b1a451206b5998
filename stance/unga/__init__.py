"""The UN General Assembly layer: every roll call 1946-2019 as stance data.

The build turns the raw vote files (``data/raw/unga``; Voeten, Strezhnev and
Bailey, CC0) into four shipped datasets: ``unga_votes``, ``unga_rollcalls``,
``unga_issues`` and the derived ``unga_alignment``. Load them with
[`stance.load`][stance.data.loading.load]; compute alignments for other poles, windows or measures
with [`stance.unga.alignment.unga_alignment`][stance.unga.alignment.unga_alignment].

Examples
--------
>>> import stance
>>> votes = stance.load("unga_votes")
>>> rc = stance.load("unga_rollcalls")
>>> rcid = int(rc.loc[rc["unres"] == "R/68/262", "rcid"].iloc[0])
>>> votes.query("rcid == @rcid and actor_id == 'KAZ'")[["vote", "stance"]].astype(str).values.tolist()
[['abstain', 'hedge']]
"""
