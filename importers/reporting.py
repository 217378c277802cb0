"""What `manage.py import` shows: progress on stderr (a tqdm bar, or plain lines for logs) and a summary."""

from pathlib import Path

from django.utils.translation import gettext as _
from tqdm import tqdm

from importers.models import ImportRun


def _plain(text: str) -> str:
    return text


class _RawStream:
    """Lets tqdm write "\\r" updates through Django's OutputWrapper, which would add a newline and, on a
    terminal, colour stderr as an error."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, style_func=_plain, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


class ProgressReporter:
    """progress(done, total) for run_import: a bar on a terminal, else a line per ~10 % (or 10,000 rows)."""

    def __init__(self, stream, *, label: str):
        self.stream = stream
        self.label = label
        self.tty = stream.isatty()
        self.bar = None
        self.next_line = 0
        self.last_line = -1

    def __call__(self, done: int, total: int | None) -> None:
        if self.tty:
            if self.bar is None:
                self.bar = tqdm(total=total, file=_RawStream(self.stream), desc=self.label, unit=" rows")
            if total is not None and done > total:
                self.bar.total = done
            self.bar.update(done - self.bar.n)
            return
        finished = bool(total) and done >= total and done != self.last_line
        if done < self.next_line and not finished:
            return
        self.last_line = done
        if total:
            percent = min(100, done * 100 // total)
            self.stream.write(
                _("%(label)s: %(done)s of %(total)s rows read (%(percent)d%%)")
                % {"label": self.label, "done": f"{done:,}", "total": f"{total:,}", "percent": percent}
            )
            self.next_line = done + max(1, total // 10)
        else:
            self.stream.write(_("%(label)s: %(done)s rows read") % {"label": self.label, "done": f"{done:,}"})
            self.next_line = done + 10_000

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def summary_table(run: ImportRun) -> str:
    """A plain-text table of the run: one line per target, then the totals with time and status."""
    headers = [_("importer"), _("source"), _("target"), _("read"), _("inserted"), _("updated"), _("rejected"),
               _("seconds"), _("status")]  # fmt: skip
    source = Path(run.source).name
    lines = []
    counts = run.target_counts or {}
    if len(counts) > 1:
        for target, c in counts.items():
            lines.append(
                [run.importer, source, target, c["read"], c["inserted"], c["updated"], c["rejected"], "", ""]
            )
    seconds = (run.timings or {}).get("total_s")
    lines.append([
        run.importer, source, ",".join(counts) or run.target or "—", run.read_count, run.inserted_count,
        run.updated_count, run.rejected_count, f"{seconds:.1f}" if seconds is not None else "",
        run.get_status_display(),
    ])  # fmt: skip
    cells = [[str(h) for h in headers]] + [
        [f"{v:,}" if isinstance(v, int) else str(v) for v in line] for line in lines
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = {3, 4, 5, 6, 7}
    text = [
        "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(row)
        )
        for row in cells
    ]
    if run.rejects_path:
        text.append(_("rejects: %(path)s") % {"path": run.rejects_path})
    return "\n".join(line.rstrip() for line in text)
