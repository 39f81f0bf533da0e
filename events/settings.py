"""Settings of the leadership events, read from the environment (imported by diklat/settings.py)."""

import os

# The check-in code on the organiser's screen turns this often; the one before it is still accepted.
EVENT_CHECK_IN_CODE_SECONDS = int(os.environ.get("EVENT_CHECK_IN_CODE_SECONDS", 30))
# A mission's video evidence (MP4 or MOV from a phone); photos keep the evidence limit (EVIDENCE_MAX_BYTES).
EVENT_VIDEO_MAX_BYTES = int(os.environ.get("EVENT_VIDEO_MAX_BYTES", 50 * 1024 * 1024))
