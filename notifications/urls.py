from django.urls import path

from .views import centre, preferences, staff, unsubscribe

app_name = "notifications"

urlpatterns = [
    path("", centre.centre, name="centre"),
    path("<int:pk>/", centre.open_notification, name="open"),
    path("read/", centre.mark_as_read, name="mark-read"),
    path("preferences/", preferences.preferences, name="preferences"),
    path("unsubscribe/<text:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
    path("sent/", staff.deliveries, name="deliveries"),
    path("sent/<int:pk>/resend/", staff.resend_delivery, name="resend"),
]
