"""Command line: ``python -m tfxent check`` / ``python -m tfxent record``.

check   compare tfxent against the committed goldens (pinned to the golden's recorded
        numerics profile, so it works on any machine); ``--live`` also runs the TensorFlow
        oracles (``--tf2-python`` / ``--tf1-python`` or env ``TFXENT_TF2_PYTHON`` /
        ``TFXENT_TF1_PYTHON``) and compares under this machine's profile.
record  regenerate the goldens from the TensorFlow oracles.
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
    if a.write_matrix:
        cmd = "python -m tfxent check --write-matrix" + (" --live" if a.live else "")
        with open(a.write_matrix, "w") as f:
            f.write(report.markdown(sections, cmd))
        out.write("\nwrote %s\n" % a.write_matrix)
    out.write("\n%d cases, %d identical, %.1fs\n" % (
        len(all_rows), sum(bool(r["identical"]) for _, r in all_rows), time.time() - t0))
    return 1 if fails or not all_rows else 0


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
    a = p.parse_args(argv)
    if a.command == "check":
        return cmd_check(a)
    if a.command == "record":
        return cmd_record(a)
    p.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
