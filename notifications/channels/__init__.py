"""The ways a notification leaves the app: e-mail and WhatsApp (the in-app centre is the notification itself)."""
