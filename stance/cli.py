"""The ``stance`` command line.

Every command has ``--help`` with an example. Errors are printed as one
line with the remedy, without a traceback; exit codes: 0 success, 1 invalid
content (a sheet with problems, a file that fails verification), 2 a file
that cannot be read or a wrong call, 3 an internal error (a bug: set
``STANCE_DEBUG=1`` to see the traceback and please report it).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from stance import __version__
from stance.errors import StanceError

Handler = Callable[[argparse.Namespace], int]


def _print_table(df: object) -> None:
    import pandas as pd

    with pd.option_context("display.max_rows", 500, "display.max_columns", 20, "display.width", 200, "display.max_colwidth", 80):
        print(df.to_string(index=False))  # type: ignore[attr-defined]


def cmd_info(args: argparse.Namespace) -> int:
    import stance
    from stance.data._paths import data_dir
    from stance.data.loading import datapackage

    pkg = datapackage()
    print(f"stance-coding {__version__}")
    print(f"data version {pkg['version']} (released {pkg['created']}), codebook version {stance.load_codebook().version}")
    print(f"data folder: {data_dir()}")
    print()
    _print_table(stance.datasets()[["name", "rows", "license", "description"]])
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    from stance.data.codebook_render import render_categories, render_confidence

    if args.markdown:
        print(render_categories())
        print()
        print(render_confidence())
        return 0
    import stance

    cb = stance.load_codebook()
    print(f"{cb.title}, version {cb.version} ({cb.released})")
    print(f"Unit: {cb.unit}")
    print()
    for c in cb.categories:
        score = "excluded from ordinal measures" if c.score is None and cb.neutral_in_ordinal == "exclude" else f"score {c.score:g}" if c.score is not None else "midpoint"
        print(f"{c.id} ({score})")
        print(f"    {c.definition}")
    print()
    print("Ordinal order: " + " < ".join(cb.ordinal_order) + f"; neutral in ordinal measures: {cb.neutral_in_ordinal}")
    print("Confidence: " + ", ".join(cb.confidence_ids))
    print("Missing (never a category): " + ", ".join(m.id for m in cb.missing))
    print("UN votes: " + ", ".join(f"{k} -> {v}" for k, v in cb.unga_mapping.items()) + " (absent and non-members: not coded)")
    print(f"Full codebook: {cb.path.parent / 'codebook.md'}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from stance.coding.validate import validate_sheet

    worst = 0
    outputs = []
    for file in args.files:
        report = validate_sheet(file, events=args.events, actors=args.actors, sources=args.sources, texts=args.texts,
                                encoding=args.encoding, delimiter=args.delimiter, sheet=args.sheet)
        outputs.append(report)
        worst = max(worst, 0 if report.ok else 1)
    if args.json:
        import json

        docs = [json.loads(r.to_json()) for r in outputs]
        print(json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False))
    else:
        for r in outputs:
            print(r.to_text(limit=None if args.all else 200))
    return worst


def cmd_template(args: argparse.Namespace) -> int:
    from stance.coding.template import assign_cells, split_ids, template_frame, write_template

    reference = None
    if args.codings:
        reference = _codings_file(args.codings, ("event_id", "actor_id"))
    cells = assign_cells(events=split_ids(args.events), actors=split_ids(args.actors), periods=split_ids(args.period),
                         uncoded=args.uncoded or bool(args.codings), codings=reference)
    frame = template_frame(cells, args.coder)
    write_template(frame, args.output, force=args.force)
    print(f"Wrote {args.output}: {len(frame)} cells ({frame['event_id'].nunique()} events x {frame['actor_id'].nunique()} actors) for coder {args.coder}, "
          f"codebook version {frame['codebook_version'].iloc[0]}. Fill in the coding columns of the cells a source gives evidence for, "
          f"leave the other rows blank, then run `stance validate {args.output}`.")
    return 0


def _codings_file(path: str, required: tuple[str, ...]) -> "object":
    from stance.coding.sheets import read_sheet

    frame = read_sheet(path).frame
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise StanceError(f"{path}: column{'s' if len(missing) > 1 else ''} {', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing.",
                          remedy="Give a merged codings file (`stance merge`), with the columns " + ", ".join(required) + ".")
    return frame


def cmd_merge(args: argparse.Namespace) -> int:
    from stance.coding.merge import MergeRefused, merge_sheets
    from stance.coding.validate import load_references

    output = Path(args.output)
    inputs = {Path(f).resolve() for f in args.files}
    if output.resolve() in inputs:
        raise StanceError(f"{output} is one of the sheets being merged; it was not overwritten.", remedy="Write the merged codings to a new file with -o.")
    try:
        result = merge_sheets(args.files, references=load_references(events=args.events, actors=args.actors, sources=args.sources),
                              encoding=args.encoding, sheet=args.sheet)
    except MergeRefused as exc:
        for line in exc.problems:  # type: ignore[attr-defined]
            print(line, file=sys.stderr)
        print(f"Error: {exc.message} {output} was not written. Remedy: {exc.remedy}", file=sys.stderr)
        return exc.exit_code
    if output.suffix.lower() == ".parquet":
        from stance.data.coerce import coerce_frame

        typed, _ = coerce_frame("codings", result.codings)
        _write(typed, output)
    else:
        _write(result.codings, output)
    print(result.summary(output))
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    import warnings

    from stance.agreement import agreement_report
    from stance.errors import DegenerateDataWarning

    if args.file:
        from stance.coding.sheets import read_sheet

        codings = read_sheet(args.file, encoding=args.encoding, sheet=args.sheet).frame
        label = args.file
        missing = [c for c in ("event_id", "actor_id", "coder_id", "stance") if c not in codings.columns]
        if missing:
            raise StanceError(f"{args.file}: columns {', '.join(missing)} are missing.", remedy="Give a merged codings file with event_id, actor_id, coder_id and stance columns (`stance merge`).")
    else:
        import stance

        codings = stance.load("codings")
        label = "shipped codings"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateDataWarning)
        report = agreement_report(codings, ci=args.ci, n_boot=args.n_boot, seed=args.seed)
    notes = [str(w.message) for w in caught if issubclass(w.category, DegenerateDataWarning)]
    if args.json:
        import json

        doc = {"file": label, "coefficients": json.loads(report.to_json(orient="records")), "warnings": notes}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(f"Agreement for {label}: {codings[['event_id', 'actor_id']].drop_duplicates().shape[0]} cells, {codings['coder_id'].nunique()} coders")
        cols = [c for c in ("method", "estimate", "ci_low", "ci_high", "se", "n_units", "n_coders", "n_pairable", "n_excluded") if c in report.columns]
        _print_table(report[cols].round(4))
        for note in notes:
            print(f"Note: {note}")
    return 0


def cmd_reliability(args: argparse.Namespace) -> int:
    from stance.coding.reliability import render_markdown

    print(render_markdown())
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    from stance.data.dictionary import render_dictionary

    print(render_dictionary())
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    import stance

    report = stance.verify(raise_on_error=False)
    for r in report.itertuples(index=False):
        print(f"{'ok  ' if r.ok else 'FAIL'} {r.name:<18} {r.problem}")
    bad = report[~report["ok"]]
    if len(bad):
        first = bad.iloc[0]
        print(f"Error: {first['path']}: {first['problem']}. Remedy: reinstall stance-coding, or rebuild with `stance build` in a checkout.", file=sys.stderr)
        return 1
    print(f"All {len(report)} files match their recorded sha256 and row counts.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from stance.data._paths import source_tree
    from stance.build import build

    root = source_tree()
    src = Path(args.src) if args.src else (root / "data" / "src" if root else None)
    if src is None:
        raise StanceError("No data sources found: `stance build` runs in a checkout of the repository.", remedy="Clone the repository and run it there, or pass --src DIR --out DIR.")
    out = Path(args.out) if args.out else src.parent
    resources = build(src, out, Path(args.raw) if args.raw else None)
    for r in resources:
        print(f"{r['name']:<18} {r['rows']:>9} rows  {r['hash'][7:19]}")
    print(f"Wrote {len(resources)} tables and datapackage.json to {out}.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from stance.data.countries import actor_id

    args.actor = actor_id(args.actor)  # a name or any code, any case; unknown: the three closest names
    if args.issue and args.source != "unga":
        raise StanceError("--issue works with --source unga only.", remedy="Add --source unga.")
    if args.source == "unga":
        if args.issue:
            from stance.unga.issues import render_issue_report

            print(render_issue_report(args.actor, args.issue))
            return 0
        from stance.unga.report import render_unga_report

        print(render_unga_report(args.actor, include_thin=args.include_thin))
        if args.plot:
            from stance.unga.plot import plot_ideal_point_distances, plot_unga_alignment

            plot_unga_alignment(args.actor, Path(args.plot), include_thin=args.include_thin)
            print(f"Figure of {args.actor}'s yearly UN voting agreement with the poles written to {args.plot}.")
            ideal = Path(args.plot).with_name(Path(args.plot).stem + "_ideal_points" + (Path(args.plot).suffix or ".png"))
            plot_ideal_point_distances(args.actor, ideal, include_thin=args.include_thin)
            print(f"Figure of {args.actor}'s yearly ideal-point distance to the poles (to 2024) written to {ideal}.")
        return 0
    from stance.report import render_report

    print(render_report(args.actor))
    if getattr(args, "plot", None):
        from stance.balance.plot import plot_actor

        plot_actor(args.actor, Path(args.plot))
        print(f"Figure of {args.actor}'s alignments over time written to {args.plot}.")
    return 0


def cmd_disagreements(args: argparse.Namespace) -> int:
    from stance.coding.adjudication import disagreements

    codings = _codings_file(args.codings, ("event_id", "actor_id", "coder_id", "stance"))
    out = disagreements(codings, min_codings=args.min_codings)
    if args.output:
        from stance.coding.adjudication import side_by_side
        from stance.coding.xlsx_write import write_adjudication_sheet

        sheet = side_by_side(out)
        path = Path(args.output)
        if path.suffix.lower() == ".xlsx":
            write_adjudication_sheet(sheet, path)
        else:
            sheet.to_csv(path, index=False, encoding="utf-8-sig")
        print(f"{len(sheet)} cells to adjudicate ({len(out)} codings) written to {args.output}, one row per cell with each coder's stance, "
              f"excerpt and rationale side by side. Fill in its stance and note columns (a note for every cell; a blank stance leaves the cell uncoded), "
              f"then run `stance adjudicate {args.codings} {args.output} -o stances.csv`.")
    else:
        _print_table(out[[c for c in ("event_id", "actor_id", "coder_id", "stance", "reason", "excerpt") if c in out.columns]])
    return 0


def cmd_adjudicate(args: argparse.Namespace) -> int:
    from stance.coding.adjudication import build_stances
    from stance.data.schemas import validate_table
    from stance.coding.sheets import read_sheet

    codings = _codings_file(args.codings, ("event_id", "actor_id", "coder_id", "stance"))
    decisions, decision_rows, label_problems = None, None, []
    if args.decisions:
        sheet = read_sheet(args.decisions)
        missing = [c for c in ("event_id", "actor_id", "stance", "note") if c not in sheet.frame.columns]
        if missing:
            raise StanceError(f"{args.decisions}: column{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing.",
                              remedy="Give the sheet written by `stance disagreements -o`, or a table with event_id, actor_id, stance, note.")
        frame = sheet.frame[["event_id", "actor_id", "stance", "note"]]
        undecided = frame[["stance", "note"]].apply(lambda s: s.astype("string").str.strip().fillna("") == "").all(axis=1)
        decisions = frame[~undecided].reset_index(drop=True)  # rows left blank are no decision (reported below as cells needing one)
        decision_rows = sheet.rows[~undecided.to_numpy()].reset_index(drop=True)
        label_problems = _decision_label_problems(decisions)
    stances, problems = build_stances(codings, decisions, min_codings=args.min_codings)
    problems = problems if len(problems) or label_problems else validate_table("stances", stances)
    if len(problems) or label_problems:
        import pandas as pd

        problems = pd.concat([pd.DataFrame(label_problems, columns=problems.columns), problems], ignore_index=True) if label_problems else problems
        for r in problems.itertuples(index=False):
            row = ""
            if r.row is not None and r.row == r.row:
                row = f" row {int(decision_rows.iloc[int(r.row)])}" if r.table == "decisions" and decision_rows is not None else f" row {int(r.row) + 2}"
            name = args.decisions if r.table == "decisions" and args.decisions else r.table
            print(f"{name}{row}: {r.value}: {r.problem}", file=sys.stderr)
        print(f"Error: {len(problems)} problem(s); {args.output} was not written.", file=sys.stderr)
        return 1
    _write(stances, Path(args.output))
    print(f"{len(stances)} stances ({(stances['method'] == 'adjudicated').sum()} adjudicated) written to {args.output}.")
    return 0


def _decision_label_problems(decisions: "object") -> list[dict[str, object]]:
    from stance.data.codebook import load_codebook
    from stance.data.coerce import closest_label

    allowed = list(load_codebook().category_ids)
    out = []
    import pandas as pd

    raw = decisions["stance"]  # type: ignore[index]
    for i in raw.index:
        v = raw[i]
        if pd.isna(v) or str(v).strip() == "" or str(v) in allowed:
            continue
        hint = closest_label(str(v), allowed)
        out.append({"table": "decisions", "row": i, "column": "stance", "value": str(v),
                    "problem": f"'{v}' is not a stance category ({', '.join(allowed)}): " + (f"write '{hint}'" if hint else "use one of them") + " (labels are exact, lower case)"})
    return out


def cmd_check_evidence(args: argparse.Namespace) -> int:
    from stance.coding.excerpts import check_evidence

    sources = Path(args.sources)
    if not sources.is_dir():
        raise StanceError(f"Source folder {sources} not found.", remedy="Pass the folder holding the source texts with --sources (in the project: ../shared/sources).")
    problems = check_evidence(sources)
    import stance

    n = len(stance.load("codings"))
    for r in problems.itertuples(index=False):
        print(f"{r.event_id} x {r.actor_id} ({r.coder_id}, {r.source_id}): {r.problem}")
    if len(problems):
        print(f"Error: {len(problems)} of {n} codings fail the evidence check.", file=sys.stderr)
        return 1
    print(f"All {n} codings pass the evidence check (excerpts against the source texts, UN-vote codings against unga_votes).")
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from stance.data.citation import bibtex, plain_text

    if args.format in ("text", "both"):
        print(plain_text())
    if args.format == "both":
        print()
    if args.format in ("bibtex", "both"):
        print(bibtex())
    return 0


def cmd_replicate(args: argparse.Namespace) -> int:
    from stance.replication import replicate

    manifest = replicate(args.output, data_version=args.data_version)
    for o in manifest["outputs"]:
        print(f"{o['path']:<42} {o['kind']:<7} {o['sha256'][:12]}")
    print(f"Wrote {len(manifest['outputs'])} files and manifest.json to {args.output} (stance-coding {manifest['package']['version']}, "
          f"data version {manifest['data_version']}, codebook version {manifest['codebook_version']}); open {Path(args.output) / 'index.md'} to see them all.")
    return 0


def _write(df: object, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        df.to_excel(path, index=False)  # type: ignore[attr-defined]
    elif suffix == ".parquet":
        from stance.data.parquet_io import write_parquet

        write_parquet(df, path)  # type: ignore[arg-type]
    else:
        df.to_csv(path, index=False)  # type: ignore[attr-defined]


COMMANDS: dict[str, tuple[Handler, str, str]] = {}


def _command(sub: argparse._SubParsersAction, name: str, handler: Handler, help_text: str, example: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text, epilog=f"Example:\n  {example}",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(handler=handler)
    COMMANDS[name] = (handler, help_text, example)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = argparse.ArgumentParser(prog="stance", description="A comparative stance-coding dataset for international relations: codebook, data, validation, reports.",
                                     epilog="Example:\n  stance report --actor KAZ", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"stance-coding {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    _command(sub, "info", cmd_info, "Show the package, data and codebook versions and every shipped dataset with its row count.", "stance info")

    p = _command(sub, "codebook", cmd_codebook, "Print the stance categories with their definitions, order and scores (from the codebook file).", "stance codebook")
    p.add_argument("--markdown", action="store_true", help="print the generated Markdown tables used in codebook.md and the docs")

    p = _command(sub, "validate", cmd_validate, "Check coders' sheets (CSV, XLSX, Parquet) against the codebook and the shipped events and actors; exit 0 valid, 1 invalid, 2 unreadable.", "stance validate sheet.xlsx --json")
    p.add_argument("files", nargs="+", metavar="FILE", help="coding sheet(s) with the codings columns")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all", action="store_true", help="print every problem (default: the first 200)")
    p.add_argument("--events", metavar="FILE", help="events table to check event ids against (default: the shipped one)")
    p.add_argument("--actors", metavar="FILE", help="actors table to check actor ids against (default: the shipped one)")
    p.add_argument("--sources", metavar="FILE", help="sources table to check source ids against (default: the shipped one)")
    p.add_argument("--texts", metavar="DIR", help="folder with the source texts (in the project: ../shared/sources): check that every excerpt is in its source")
    p.add_argument("--encoding", metavar="NAME", help="text encoding of a CSV (default: from its byte-order mark, else UTF-8), e.g. cp1251, latin-1, utf-16")
    p.add_argument("--delimiter", metavar="CHAR", help="CSV delimiter (default: sniffed from the header among , ; and tab)")
    p.add_argument("--sheet", metavar="NAME", help="worksheet of an XLSX workbook (default: the one named 'codings', or the only one)")

    p = _command(sub, "template", cmd_template, "Write a coding sheet for a coder: one row per assigned event x actor cell with context, dropdowns from the codebook, locked ids and instructions (.xlsx), or plain .csv.",
                 "stance template --events crimea-2014,iraq-war-2003 --actors KAZ,CHN --coder ana -o ana.xlsx")
    p.add_argument("--events", nargs="+", metavar="ID", help="event ids (space- or comma-separated; default: every event)")
    p.add_argument("--actors", nargs="+", metavar="ID", help="actor ids (default: every actor)")
    p.add_argument("--period", nargs="+", metavar="ID", help="only events of these periods, e.g. 2008-2013")
    p.add_argument("--uncoded", action="store_true", help="only cells that have no coding yet (in the shipped codings, or in --codings FILE)")
    p.add_argument("--codings", metavar="FILE", help="merged codings file whose cells count as coded (implies --uncoded)")
    p.add_argument("--coder", required=True, metavar="ID", help="the coder's id (lower case, digits, '-')")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="sheet to write: .xlsx (dropdowns, instructions) or .csv")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = _command(sub, "merge", cmd_merge, "Validate coders' sheets and combine them into one codings file; refuses conflicting coder ids, cells coded twice by one coder, other codebook versions and invalid sheets.",
                 "stance merge ana.xlsx ben.csv -o codings.csv")
    p.add_argument("files", nargs="+", metavar="SHEET", help="coders' sheets (CSV, XLSX, Parquet)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="merged codings file (.csv, .xlsx or .parquet)")
    p.add_argument("--events", metavar="FILE", help="events table to check event ids against (default: the shipped one)")
    p.add_argument("--actors", metavar="FILE", help="actors table to check actor ids against (default: the shipped one)")
    p.add_argument("--sources", metavar="FILE", help="sources table to check source ids against (default: the shipped one)")
    p.add_argument("--encoding", metavar="NAME", help="text encoding of CSV sheets (see stance validate)")
    p.add_argument("--sheet", metavar="NAME", help="XLSX worksheet (default: 'codings', or the only one)")

    p = _command(sub, "agreement", cmd_agreement, "Inter-coder agreement of a codings file (or of the shipped codings): percent agreement, Cohen's kappa, Scott's pi, Fleiss, Krippendorff's alpha, Gwet's AC1, Brennan-Prediger.", "stance agreement merged_codings.csv --json")
    p.add_argument("file", nargs="?", metavar="FILE", help="codings file (CSV, XLSX, Parquet) with event_id, actor_id, coder_id, stance; default: the shipped codings")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--ci", action="store_true", help="add 95%% bootstrap confidence intervals over cells")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="bootstrap seed (default 1)")
    p.add_argument("--encoding", metavar="NAME", help="CSV encoding (see stance validate)")
    p.add_argument("--sheet", metavar="NAME", help="XLSX worksheet")

    p = _command(sub, "reliability", cmd_reliability, "Print the reliability report of the shipped codings (coefficients with bootstrap intervals, confusion matrix, per-category agreement, UN-vote check) as Markdown.", "stance reliability > docs/reliability.md")

    _command(sub, "dictionary", cmd_dictionary, "Print the data dictionary (every column of every table: type, allowed values, meaning) as Markdown.", "stance dictionary > docs/data-dictionary.md")

    _command(sub, "verify", cmd_verify, "Check every shipped data file against its recorded sha256 and row count; exit 1 naming the file that differs.", "stance verify")

    p = _command(sub, "build", cmd_build, "Rebuild the Parquet files and datapackage.json from data/src and the raw UN vote files in data/raw/unga (in a checkout); byte-identical for the same inputs.", "stance build")
    p.add_argument("--src", metavar="DIR", help="folder with the source CSVs and release.toml (default: data/src of the checkout)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: data/ of the checkout)")
    p.add_argument("--raw", metavar="DIR", help="folder with the raw UN vote files and SHA256SUMS (default: raw/unga beside --src)")

    p = _command(sub, "report", cmd_report, "Show an actor's stances toward events grouped by the great power leading them, the double-coding agreement, and its balancing indices (alignment with each pole, equidistance, tilt, hedge share; overall and by period); with --source unga, the same from the UN General Assembly votes.", "stance report --actor KAZ --source unga")
    p.add_argument("--actor", required=True, metavar="ACTOR", help="actor id, name or any code, any case: KAZ, kazakhstan, KZ, 705")
    p.add_argument("--source", choices=("events", "unga"), default="events", help="events: the coded stances toward events (default); unga: the UN General Assembly ideal points (to 2024) and votes (to January 2020), by period and year")
    p.add_argument("--issue", metavar="ISSUE", help="with --source unga: alignment on one issue only (important, human_rights, middle_east, nuclear, arms_control, colonialism, economic_development), from the votes and the issue-specific ideal points")
    p.add_argument("--include-thin", action="store_true", help="with --source unga: keep years backed by fewer than 10 votes in period means, tables and figures")
    p.add_argument("--plot", metavar="FILE", help="also save a figure of the actor's alignments over time to this PNG (by period for events, by year for unga, plus FILE_ideal_points.png with the ideal-point distances to 2024; needs the plot extra: pip install 'stance-coding[plot]')")

    p = _command(sub, "disagreements", cmd_disagreements, "List the cells where coders differ (or that too few coders coded), side by side, for the adjudicator.", "stance disagreements codings.csv -o to_adjudicate.xlsx")
    p.add_argument("codings", metavar="CODINGS", help="merged codings file")
    p.add_argument("-o", "--output", metavar="FILE", help="write the adjudicator's sheet (.csv or .xlsx: one row per cell, coders side by side, blank stance and note columns to fill in) instead of printing")
    p.add_argument("--min-codings", type=int, default=2, help="cells with fewer codings need a decision (default 2)")

    p = _command(sub, "adjudicate", cmd_adjudicate, "Build the stances table from codings and the adjudicator's decisions (event_id, actor_id, stance, note); every decision needs a note.", "stance adjudicate codings.csv decisions.csv -o stances.csv")
    p.add_argument("codings", metavar="CODINGS", help="merged codings file")
    p.add_argument("decisions", metavar="DECISIONS", nargs="?", help="decisions: the sheet from `stance disagreements -o` filled in, or a table event_id, actor_id, stance, note")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="stances file to write (.csv, .xlsx or .parquet)")
    p.add_argument("--min-codings", type=int, default=2, help="cells with fewer codings need a decision (default 2)")

    p = _command(sub, "check-evidence", cmd_check_evidence, "Check that every shipped coding's excerpt occurs verbatim in its source text and every UN-vote coding matches the recorded vote in the shipped unga_votes.", "stance check-evidence --sources ../shared/sources")
    p.add_argument("--sources", required=True, metavar="DIR", help="folder with the source texts named in the sources table")

    p = _command(sub, "cite", cmd_cite, "Print how to cite the installed data version (plain text and BibTeX), with the upstream UN vote data and the source texts.", "stance cite --format bibtex")
    p.add_argument("--format", choices=("both", "text", "bibtex"), default="both", help="plain text, BibTeX, or both (default)")

    p = _command(sub, "replicate", cmd_replicate, "Regenerate every table and figure the documentation shows (event table, Kazakhstan's balancing indices, UN alignment figures, post-Soviet ranking, reliability report) into one folder, with a manifest of the versions used.",
                 "stance replicate -o replication/output --data-version 1.1.0")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created if missing; files of the same names are replaced)")
    p.add_argument("--data-version", metavar="X.Y.Z", help="stop unless the installed data version is X.Y.Z (pin the version you replicate)")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except StanceError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line unless debugging
        if os.environ.get("STANCE_DEBUG"):
            raise
        print(f"Internal error: {type(exc).__name__}: {exc}. This is a bug in stance; rerun with STANCE_DEBUG=1 and report the traceback.", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
