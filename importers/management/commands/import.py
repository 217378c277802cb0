"""`manage.py import <importer> <path> [options]`: run one importer, show progress, print a summary.

Each registered importer is a sub-command with its own declared options (see importers.registry), plus
--allow-rejects. Progress goes to stderr: a tqdm bar on a terminal, otherwise a line every ~10 %.
Any failure is a CommandError (exit status 1) whose message names the file / row and the next step.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.base import Option
from importers.errors import ImportFailed
from importers.registry import get_importer, importer_names
from importers.reporting import ProgressReporter, summary_table
from importers.services import run_import


class Command(BaseCommand):
    help = "Import a file with a registered importer; every row is written, or none."

    def add_arguments(self, parser):
        importers = parser.add_subparsers(dest="importer", metavar="importer", required=True)
        for name in importer_names():
            importer_cls = get_importer(name)
            sub = importers.add_parser(name, help=str(importer_cls.help), description=str(importer_cls.help))
            sub.add_argument("path", help=_("the file to import"))
            for option in importer_cls.options:
                _add_option(sub, option)
            sub.add_argument(
                "--allow-rejects",
                action="store_true",
                help=_("write the good rows and report the rejected ones (default: any reject fails)"),
            )

    def handle(self, *args, **options):
        name, path = options["importer"], options["path"]
        importer_cls = get_importer(name)
        values = {option.name: options.get(option.name) for option in importer_cls.options}
        values["allow_rejects"] = bool(options.get("allow_rejects"))
        progress = ProgressReporter(self.stderr, label=f"{name} {Path(path).name}")
        try:
            run = run_import(importer=name, source=path, options=values, progress=progress)
        except ImportFailed as exc:
            progress.close()
            if exc.run is not None:
                self.stdout.write(summary_table(exc.run))
            raise CommandError(str(exc)) from exc
        progress.close()
        self.stdout.write(summary_table(run))


def _add_option(parser, option: Option) -> None:
    kwargs = {"dest": option.name, "help": str(option.help)}
    if option.flag:
        kwargs["action"] = "store_true"
    else:
        kwargs["type"] = option.type
        kwargs["metavar"] = option.metavar
        if option.repeatable:
            kwargs["action"] = "append"
        if option.choices:
            kwargs["choices"] = option.choices
    if option.default is not None and not option.flag:
        kwargs["help"] += " " + _("(default: %(default)s)") % {"default": option.default}
    parser.add_argument(option.cli_flag, **kwargs)
