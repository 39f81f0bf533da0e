"""Settings of the task queue and the notifications, read from the environment (imported by diklat/settings.py)."""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _int_list(name: str, default: str) -> list[int]:
    return sorted({int(item) for item in os.environ.get(name, default).split(",") if item.strip()}, reverse=True)


# Background work (mail, WhatsApp, reminders) goes through a queue in the database, so it needs no other
# server on SQLite or PostgreSQL; `manage.py db_worker` runs it (`make run` starts one beside the web server).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# WhatsApp through an HTTP gateway: POST JSON with a bearer token. Without a URL, messages are printed
# to the worker's console, as mail is without EMAIL_HOST.
WHATSAPP_GATEWAY_URL = os.environ.get("WHATSAPP_GATEWAY_URL", "")
WHATSAPP_GATEWAY_TOKEN = os.environ.get("WHATSAPP_GATEWAY_TOKEN", "")
WHATSAPP_GATEWAY_TIMEOUT = float(os.environ.get("WHATSAPP_GATEWAY_TIMEOUT", 10))
# Gateways cap messages per minute per sender number; past it a message waits instead of being refused.
WHATSAPP_PER_MINUTE = _int("WHATSAPP_PER_MINUTE", 30)

# Days before a due date on which a reminder goes (0: on the day); then weekly while overdue.
REMINDER_OFFSETS = _int_list("REMINDER_OFFSETS", "7,3,1,0")
REMINDER_OVERDUE_EVERY_DAYS = _int("REMINDER_OVERDUE_EVERY_DAYS", 7)
# A reminder whose day the daily run missed still goes this many days later, and no later.
REMINDER_CATCH_UP_DAYS = _int("REMINDER_CATCH_UP_DAYS", 1)
# Feedback this many days overdue is also reported to the cohort's organiser staff.
REMINDER_LONG_OVERDUE_DAYS = _int("REMINDER_LONG_OVERDUE_DAYS", 30)
# A submitted project waiting this many days for its mentor gets a reminder, then weekly.
REMINDER_REVIEW_AFTER_DAYS = _int("REMINDER_REVIEW_AFTER_DAYS", 3)

# A failed delivery is tried again after 1, 5, 30 minutes, 2 and 6 hours, then recorded as failed.
DELIVERY_RETRY_MINUTES = [1, 5, 30, 120, 360]
# A delivery claimed this long ago by a worker that never finished is taken up again.
DELIVERY_STUCK_MINUTES = _int("DELIVERY_STUCK_MINUTES", 15)
