"""The UN General Assembly layer: every roll call 1946-2019 as stance data, and ideal points 1946-2024.

The build turns the raw vote files (``data/raw/unga``; Voeten, Strezhnev and
Bailey, CC0) into ``unga_votes``, ``unga_rollcalls``, ``unga_issues`` and the
derived ``unga_alignment``, and the raw ideal-point files
(``data/raw/unga-idealpoints``; Bailey, Strezhnev and Voeten, CC0) into
``unga_ideal_points`` and ``unga_ideal_points_issue``, with the id rules of
``data/src/unga_id_rules.csv`` ([`stance.unga.id_rules`][stance.unga.id_rules]). Load them with
[`stance.load`][stance.data.loading.load]. Analyses: [`stance.unga.alignment`][stance.unga.alignment] (agreement with
poles), [`stance.unga.ip_alignment`][stance.unga.ip_alignment] (ideal-point distances),
[`stance.unga.issues`][stance.unga.issues] (one topic, important votes), [`stance.unga.panel`][stance.unga.panel]
(dyad-year panel), [`stance.unga.checks`][stance.unga.checks] and [`stance.unga.yuneman`][stance.unga.yuneman]
(the checks published in docs/unga.md).

Examples
--------
>>> import stance
>>> votes = stance.load("unga_votes")
>>> rc = stance.load("unga_rollcalls")
>>> rcid = int(rc.loc[rc["unres"] == "R/68/262", "rcid"].iloc[0])
>>> votes.query("rcid == @rcid and actor_id == 'KAZ'")[["vote", "stance"]].astype(str).values.tolist()
[['abstain', 'hedge']]
"""
