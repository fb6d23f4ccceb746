"""Command line: ``python -m tfxent check`` / ``python -m tfxent record``.

check   compare tfxent against the committed goldens (pinned to the golden's recorded
        numerics profile, so it works on any machine); ``--live`` also runs the TensorFlow
        oracles (``--tf2-python`` / ``--tf1-python`` or env ``TFXENT_TF2_PYTHON`` /
        ``TFXENT_TF1_PYTHON``) and compares under this machine's profile.
record  regenerate the goldens from the TensorFlow oracles.
corpus  the legacy programs (``tfxent/conformance/programs``, or the files given): their
        stdout and exit status under tfxent against TensorFlow's (recorded, ``--live``);
        ``--record`` re-records TensorFlow's outputs of the shipped corpus.
``check`` runs the corpus too (unless ``--no-corpus``).
"""
import argparse
import sys
import time


def _refs(ref):
    return ("v2", "v1") if ref in (None, "all") else (ref,)


def _print_matrix(title, rows, out, unavailable=()):
    from tfxent.conformance import report
    body, tot = report.matrix_lines(rows, unavailable=unavailable)
    out.write("\n%s\n\n" % title)
    out.write("\n".join(body) + "\n")
    return tot


def cmd_check(a):
    from tfxent.conformance import report, runner
    refs = _refs(a.ref)
    t0 = time.time()
    sections = []
    rows, indexes = runner.check_goldens(refs, a.set, a.filter, quiet=a.quiet,
                                         variants=not a.no_variants)
    note = "Goldens: %s. tfxent pinned to each golden's recorded profile: %s." % (
        ", ".join("%s = TensorFlow %s" % (report.NAMESPACES[r], indexes[r]["tf_version"])
                  for r in refs),
        "; ".join("%s `%s`" % (lab, idx.get("profile", "?"))
                  for lab, idx in indexes.items()))
    unavailable = _unavailable(indexes)
    sections.append(("Goldens (set `%s`)" % a.set, rows, note, unavailable))
    all_rows = list(rows)
    if a.live:
        pythons = runner.pythons_from(a.tf2_python, a.tf1_python)
        live_refs = tuple(r for r in refs if r in pythons)
        if not live_refs:
            sys.stderr.write("--live: no TensorFlow python given (--tf2-python/--tf1-python "
                             "or TFXENT_TF2_PYTHON/TFXENT_TF1_PYTHON)\n")
            return 2
        lrows, metas = runner.check_live(pythons, live_refs, a.set, a.filter, quiet=a.quiet,
                                         variants=not a.no_variants)
        note = "Live oracles on this machine: %s." % ", ".join(
            "%s = TensorFlow %s, profile `%s`" % (
                lab, m["tf_version"], runner.profile_from_machine(m["machine"]))
            for lab, m in metas.items() if m.get("status") != "unavailable")
        lunavailable = _unavailable(metas)
        sections.append(("Live (set `%s`)" % a.set, lrows, note, lunavailable))
        all_rows += lrows
    out = sys.stdout
    corpus_rows = []
    if not a.no_corpus and a.filter is None:
        corpus_rows = _corpus_rows(runner.pythons_from(a.tf2_python, a.tf1_python)
                                   if a.live else None, refs)
    for title, r, _, unav in sections:
        _print_matrix(title, r, out, unav)
    for title, _, _, unav in sections:
        if unav:
            out.write("\n%s: %d variant(s) unavailable on the recording CPU (not checked):\n"
                      % (title, len(unav)))
            for ns, var, reason, n in unav:
                out.write("  %s %s: %d cases: %s\n" % (ns, var, n, reason))
    fails = report.failures(all_rows)
    if fails:
        out.write("\n%d case(s) not identical%s:\n" % (
            len(fails), "" if a.all_failures or len(fails) <= 50 else " (first 50)"))
        for line in fails if a.all_failures else fails[:50]:
            out.write("  %s\n" % line)
    if a.slowest:
        from tfxent.conformance.runner import TIMINGS
        out.write("\nslowest tfxent cases:\n")
        for cid, sec in sorted(TIMINGS.items(), key=lambda kv: -kv[1])[:a.slowest]:
            out.write("  %8.3fs  %s\n" % (sec, cid))
    corpus_fails = [r for r in corpus_rows if not r["identical"]]
    if corpus_rows:
        out.write("\n" + "\n".join(report.corpus_lines(corpus_rows)) + "\n")
        for r in corpus_fails:
            out.write("\nprogram %s (%s) differs:\n%s" % (r["name"], r["source"], r["diff"]))
    if a.write_matrix:
        cmd = "python -m tfxent check --write-matrix" + (" --live" if a.live else "")
        with open(a.write_matrix, "w") as f:
            f.write(report.markdown(sections, cmd, corpus_rows))
        out.write("\nwrote %s\n" % a.write_matrix)
    out.write("\n%d cases, %d identical; %d program runs, %d identical; %.1fs\n" % (
        len(all_rows), sum(bool(r["identical"]) for _, r in all_rows), len(corpus_rows),
        len(corpus_rows) - len(corpus_fails), time.time() - t0))
    return 1 if fails or corpus_fails or not all_rows else 0


def _corpus_rows(pythons, refs):
    from tfxent.conformance import corpus
    if pythons is not None:
        pythons = {r: p for r, p in pythons.items() if r in refs}
    rows = corpus.check(pythons)
    return [r for r in rows if r["ref"] in refs]


def cmd_corpus(a):
    from tfxent.conformance import corpus, runner
    pythons = runner.pythons_from(a.tf2_python, a.tf1_python)
    if a.record:
        if set(pythons) != {"v1", "v2"}:
            sys.stderr.write("corpus --record: need --tf2-python and --tf1-python\n")
            return 2
        print(corpus.record(pythons, quiet=a.quiet))
        return 0
    if a.files:
        rows = []
        for path in a.files:
            ref = corpus.ref_of(path)
            if ref not in pythons:
                sys.stderr.write("%s: need a TensorFlow python for %s\n" % (path, ref))
                return 2
            rows.append(corpus.compare_program(path, python=pythons[ref]))
    else:
        rows = corpus.check(pythons if a.live else None)
    bad = 0
    for r in rows:
        print("%-40s %-6s %s" % (r["name"], r["source"], "identical" if r["identical"] else "DIFFERS"))
        if not r["identical"]:
            bad += 1
            print(r["diff"])
    print("%d program runs, %d identical" % (len(rows), len(rows) - bad))
    return 1 if bad else 0


def _unavailable(indexes):
    """[(namespace, variant, reason, cases)] for the unavailable variant units."""
    from tfxent.conformance import report
    out = []
    for lab, idx in indexes.items():
        if idx.get("status") == "unavailable":
            ref, _, var = lab.partition("@")
            out.append((report.NAMESPACES.get(ref, ref), var, idx.get("reason", "?"),
                        int(idx.get("unchecked", 0))))
    return out


def cmd_record(a):
    from tfxent.conformance import runner
    pythons = runner.pythons_from(a.tf2_python, a.tf1_python)
    refs = _refs(a.ref)
    missing = [r for r in refs if r not in pythons]
    if missing:
        sys.stderr.write("record: need a TensorFlow python for %s (--tf2-python / "
                         "--tf1-python)\n" % ", ".join(missing))
        return 2
    t0 = time.time()
    for p in runner.record(pythons, a.set, refs, quiet=a.quiet):
        print(p)
    print("recorded in %.1fs" % (time.time() - t0))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m tfxent")
    sub = p.add_subparsers(dest="command")
    for name in ("check", "record"):
        s = sub.add_parser(name)
        s.add_argument("--ref", choices=("v1", "v2", "all"), default="all")
        s.add_argument("--set", choices=("default", "full"), default="default")
        s.add_argument("--tf2-python", default=None)
        s.add_argument("--tf1-python", default=None)
        s.add_argument("-q", "--quiet", action="store_true")
        if name == "check":
            s.add_argument("--filter", default=None, help="only case ids containing this")
            s.add_argument("--live", action="store_true")
            s.add_argument("--write-matrix", nargs="?", const="compat_matrix.md", default=None,
                           metavar="PATH")
            s.add_argument("--all-failures", action="store_true")
            s.add_argument("--slowest", type=int, default=0, metavar="N",
                           help="list the N slowest tfxent cases")
            s.add_argument("--no-variants", action="store_true",
                           help="skip the oneDNN variant goldens (TF 2.21 Softmax)")
            s.add_argument("--no-corpus", action="store_true",
                           help="skip the legacy-program corpus")
    s = sub.add_parser("corpus")
    s.add_argument("files", nargs="*", help="your own tf1_*.py / tf2_*.py programs (live)")
    s.add_argument("--live", action="store_true")
    s.add_argument("--record", action="store_true")
    s.add_argument("--tf2-python", default=None)
    s.add_argument("--tf1-python", default=None)
    s.add_argument("-q", "--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.command == "corpus":
        return cmd_corpus(a)
    if a.command == "check":
        return cmd_check(a)
    if a.command == "record":
        return cmd_record(a)
    p.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
