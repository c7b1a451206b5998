"""Replication: regenerate every table and figure the documentation shows, from the installed package and its shipped data.

``stance replicate -o replication/output`` (or [`replicate`][stance.replication.run.replicate]) writes
five outputs to one folder, with a ``manifest.json`` of the versions used:

1. the comparative event table after Tables 1 and 2 of Fedorova (c. 2024):
   every event of 1991-2021 with the stances of Kazakhstan, the USA, Russia
   and China side by side ([`stance.replication.events`][stance.replication.events]);
2. Kazakhstan's alignments and balancing indices by period from the coded
   events, with bootstrap intervals, and their figure;
3. from the UN General Assembly votes, Kazakhstan's yearly agreement with the
   USA, Russia and China, 1992-2019 (table and figure), and the comparison
   with Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan
   ([`stance.replication.unga`][stance.replication.unga]);
4. the post-Soviet states ranked per decade by equidistance between the USA
   and Russia and between the USA and China;
5. the reliability report of the coded data.

Tables are written as CSV and Markdown, figures as PNG. Two runs with the
same installation give byte-identical tables (tested). See
``replication/README.md``.

Examples
--------
>>> from stance.replication import OUTPUT_DIR
>>> OUTPUT_DIR
'replication/output'
"""

from stance.replication.run import check_data_version, replicate

#: The documented output folder (relative to a checkout's root).
OUTPUT_DIR = "replication/output"

__all__ = ["OUTPUT_DIR", "check_data_version", "replicate"]
