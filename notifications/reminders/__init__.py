"""What falls due, found once a day by `manage.py send_reminders`: one reminder per item, recipient and occasion."""
