"""Safe unpacking of uploaded zip archives before GDAL sees them (GDAL 3.6 cannot sandbox file access).

Refused: members with an absolute path, a drive letter or a `..` part, symbolic links, more members than
MAX_MEMBERS, and more than `max_bytes` unpacked in total (counted on the bytes actually written, so a
header that lies about sizes does not help a zip bomb).
"""

import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from importers.errors import ImportFailed

MAX_MEMBERS = 1000
CHUNK = 1 << 20
DRIVE = re.compile(r"^[A-Za-z]:")
SYMLINK_MODE = 0o120000


def safe_member_path(name: str) -> PurePosixPath | None:
    """The relative path of a zip member, or None when it is absolute or climbs out with `..`."""
    normal = name.replace("\\", "/")
    path = PurePosixPath(normal)
    if normal.startswith("/") or DRIVE.match(normal) or ".." in path.parts:
        return None
    return path


def safe_extract(archive: Path, dest: Path, *, max_bytes: int) -> list[Path]:
    """Unpack `archive` into the folder `dest`; returns the files written. Raises ImportFailed."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            _check_listing(archive, infos, max_bytes)
            written: list[Path] = []
            total = 0
            for info in infos:
                target = dest / safe_member_path(info.filename)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, target.open("wb") as out:
                    while chunk := src.read(CHUNK):
                        total += len(chunk)
                        if total > max_bytes:
                            raise _too_big(archive, max_bytes)
                        out.write(chunk)
                written.append(target)
            return written
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
        raise ImportFailed(
            _("cannot unpack %(file)s: %(error)s — is it a complete, unencrypted zip archive?")
            % {"file": archive.name, "error": exc}
        ) from exc


def _check_listing(archive: Path, infos: list[zipfile.ZipInfo], max_bytes: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ImportFailed(
            _("%(file)s holds %(n)d files; at most %(max)d are accepted")
            % {"file": archive.name, "n": len(infos), "max": MAX_MEMBERS}
        )
    for info in infos:
        if safe_member_path(info.filename) is None:
            raise ImportFailed(
                _("%(file)s: member %(member)r has an absolute path or a '..' part; refusing to unpack it")
                % {"file": archive.name, "member": info.filename}
            )
        if (info.external_attr >> 16) & 0o170000 == SYMLINK_MODE:
            raise ImportFailed(
                _("%(file)s: member %(member)r is a symbolic link; refusing to unpack it")
                % {"file": archive.name, "member": info.filename}
            )
    if sum(info.file_size for info in infos) > max_bytes:
        raise _too_big(archive, max_bytes)


def _too_big(archive: Path, max_bytes: int) -> ImportFailed:
    return ImportFailed(
        _("%(file)s unpacks to more than %(mb)d MB, the limit for an upload")
        % {"file": archive.name, "mb": max_bytes // (1 << 20)}
    )


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
