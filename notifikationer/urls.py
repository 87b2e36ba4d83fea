from django.urls import path

from . import views

app_name = "notifikationer"

urlpatterns = [
    path("", views.notifikation_list, name="liste"),
    path("antal.json", views.unread_count, name="antal"),
    path("<int:pk>/laest/", views.mark_read, name="laest"),
    path("alle-laest/", views.mark_all_read, name="alle_laest"),
    path("indstillinger/", views.preferences, name="indstillinger"),
    path("indstillinger/nyt-kalenderlink/", views.calendar_renew, name="kalender_forny"),
    path("afmeld/<str:token>/", views.unsubscribe, name="afmeld"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="kalender"),
    path("lbf/koe/", views.lbf_queue, name="lbf_koe"),
]
