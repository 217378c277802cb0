"""Full MapLibre style-spec validation of a layer's style, by the npm package the front end builds with.

@maplibre/maplibre-gl-style-spec (frontend/package.json) is the reference implementation: value types,
expressions, filters, enum values. Python has no equivalent, so `validate_with_spec` runs node on
validate_style.mjs with the wrapped style on stdin (layers.catalogue.styles.wrapped_style) and turns its
first error into a ValidationFailed. About 0.3–0.9 s per call on these machines (node start-up), paid on
writes of a style only; the same style text is checked once per process.

Where node or the package is missing (a web image built without the front end), the validator is
skipped with a warning and the strict structural check of layers.catalogue.styles stands alone — unless
GEOPORTAL["STYLE_SPEC_REQUIRED"] is true, when a style write is then refused (503) rather than accepted
half-checked. Settings (read at call time): GEOPORTAL["STYLE_SPEC_NODE"] (default "node"),
GEOPORTAL["STYLE_SPEC_PACKAGE"] (default frontend/node_modules/@maplibre/maplibre-gl-style-spec).
"""

import json
import logging
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from geoportal.errors import DomainError, ValidationFailed

log = logging.getLogger(__name__)
SCRIPT = Path(__file__).with_name("validate_style.mjs")
TIMEOUT_S = 20


class StyleValidatorMissing(DomainError):
    status = 503


def _package() -> Path:
    default = Path(settings.BASE_DIR) / "frontend" / "node_modules" / "@maplibre" / "maplibre-gl-style-spec"
    return Path(settings.GEOPORTAL.get("STYLE_SPEC_PACKAGE") or default)


def _node() -> str | None:
    return shutil.which(settings.GEOPORTAL.get("STYLE_SPEC_NODE") or "node")


def spec_available() -> bool:
    """True when node and the style-spec package are both there."""
    return _node() is not None and (_package() / "dist" / "validate_style.min.mjs").is_file()


def validate_with_spec(style: dict) -> None:
    """Check a whole MapLibre style with the style-spec validator. Raises ValidationFailed (field
    "style") with the validator's first message, e.g. "layers[0].paint.fill-color: color expected,
    number found"; StyleValidatorMissing (503) when the validator is required and missing."""
    if not spec_available():
        if settings.GEOPORTAL.get("STYLE_SPEC_REQUIRED"):
            raise StyleValidatorMissing(
                _("The style validator (node, MapLibre style-spec) is not installed.")
            )
        log.warning("MapLibre style-spec validator not found (node or %s): structural check only", _package())
        return
    errors = _errors(json.dumps(style, sort_keys=True, ensure_ascii=False), _node(), str(_package()))
    if errors:
        raise ValidationFailed(
            _("The style is not valid MapLibre: %(error)s") % {"error": errors[0]}, field="style"
        )


@lru_cache(maxsize=256)
def _errors(style_json: str, node: str, package: str) -> tuple[str, ...]:
    """The validator's messages for one style text (cached: the same style is checked once)."""
    try:
        done = subprocess.run(
            [node, str(SCRIPT), package],
            input=style_json.encode(),
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StyleValidatorMissing(
            _("The style validator did not run: %(error)s") % {"error": exc}
        ) from None
    if done.returncode != 0:
        raise StyleValidatorMissing(
            _("The style validator failed: %(error)s")
            % {"error": done.stderr.decode(errors="replace")[-300:]}
        )
    return tuple(json.loads(done.stdout))
