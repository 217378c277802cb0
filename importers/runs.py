"""Uploaded files that become ImportRuns: where they wait, how a recorded run is run, and when.

An upload is stored under the upload folder as <folder>/<random>/<file name>, so the name the user gave
(and its suffix, which picks the reader) is what every message shows. The folder is not under MEDIA_ROOT:
an internal layer's data must never be downloadable. With a Celery broker the web process and the workers
share it (a volume in docker-compose.yml).

`run_recorded` runs an ImportRun that was recorded in advance (its id was already given to the user) to
its end with live progress (importers.progress), then removes its uploaded file. The Celery task
`importers.run_upload` calls it on a worker; without a broker the request calls it inline.
"""

import os
import re
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from importers.models import ImportRun
from importers.progress import RunProgress
from importers.registry import get_importer
from importers.services import run_import

MAX_NAME_BYTES = 200  # a stored upload's file name, UTF-8 bytes (file systems allow 255)
# An absolute path of two or more parts, after a start, a space, a quote or a bracket.
_PATH = re.compile(r"(?<![\w.])/(?:[^\s/:;,'\"()]+/)+([^\s/:;,'\"()]+)")


def without_server_paths(text: str) -> str:
    """`text` with every absolute path replaced by its last part: "(all rejects: /srv/x/a.csv)" →
    "(all rejects: a.csv)"."""
    return _PATH.sub(r"\1", text)


def queue_enabled() -> bool:
    """True when a Celery broker is configured: imports then run on a worker, not in the request."""
    return bool(getattr(settings, "CELERY_BROKER_URL", ""))


def upload_dir() -> Path:
    """GEOPORTAL["IMPORT_UPLOAD_DIR"], else an "uploads" folder inside the rejects folder (var/imports)."""
    configured = settings.GEOPORTAL.get("IMPORT_UPLOAD_DIR")
    return Path(configured) if configured else Path(settings.GEOPORTAL["IMPORT_REJECTS_DIR"]) / "uploads"


def store_upload(upload: UploadedFile) -> Path:
    """Move (or write) an uploaded file to <upload dir>/<random>/<its cleaned name>; returns the path."""
    try:
        name = get_valid_filename(Path(upload.name or "upload").name)
    except SuspiciousFileOperation:
        name = "upload"
    if (
        len(name.encode()) > MAX_NAME_BYTES
    ):  # cut the stem, keep the suffixes (".shp.zip") that pick the reader
        suffix = "".join(Path(name).suffixes[-2:])[-20:]
        stem = name[: len(name) - len(suffix)]
        while len((stem + suffix).encode()) > MAX_NAME_BYTES:
            stem = stem[:-1]
        name = stem + suffix
    folder = upload_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = folder / name
    temporary = getattr(upload, "temporary_file_path", None)
    if temporary is not None:
        shutil.move(temporary(), path)
    else:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return path


def discard_upload(path: Path) -> None:
    """Remove a stored upload and its folder; never anything outside the upload folder."""
    root = upload_dir().resolve()
    folder = Path(path).resolve().parent
    if folder.parent == root:
        shutil.rmtree(folder, ignore_errors=True)


def check_source(importer: str, source: Path, options: dict) -> None:
    """Open `source` with the importer as an import would (format, archive limits, CRS, layer choice,
    columns), without reading its rows. Raises ImportFailed naming what is wrong."""
    opts = {k: v for k, v in options.items() if k != "allow_rejects"}
    with get_importer(importer)(source, opts) as reader:
        reader.info  # noqa: B018 - resolves the target layer and checks its slug


def run_recorded(run_id: int) -> ImportRun:
    """Run the recorded ImportRun `run_id` with its stored importer, source and options; returns it
    succeeded. Raises ImportFailed (with `.run` failed, nothing written). The upload is removed after."""
    run = ImportRun.objects.get(pk=run_id)
    progress = RunProgress(run.pk)
    try:
        return run_import(
            importer=run.importer,
            source=run.source,
            options=dict(run.options),
            progress=progress,
            run=run,
        )
    finally:
        progress.close()
        discard_upload(Path(run.source))


def file_name_of(run: ImportRun) -> str:
    """The name of the file a run read, without the server's folders."""
    return os.path.basename(run.source)
