from django.urls import path

from . import organ_views, views

app_name = "bestyrelser"

urlpatterns = [
    path("<int:pk>/overblik/", views.dashboard, name="dashboard"),
    path("<int:pk>/overblik/<slug:chart>.<slug:fmt>", views.dashboard_export, name="dashboard_export"),
    # The plan's organisation: bodies and members
    path("<int:pk>/organer/ny/", organ_views.organ_create, name="organ_create"),
    path("<int:pk>/organer/<int:organ_pk>/rediger/", organ_views.organ_update, name="organ_update"),
    path("<int:pk>/organer/<int:organ_pk>/medlemmer/ny/", organ_views.medlem_create, name="medlem_create"),
    path("<int:pk>/moeder/", views.moede_list, name="moede_list"),
    path("<int:pk>/moeder/ny/<int:organ_pk>/", views.moede_create, name="moede_create"),
    path("<int:pk>/moeder/<int:moede_pk>/", views.moede_detail, name="moede_detail"),
    path("<int:pk>/moeder/<int:moede_pk>/rediger/", views.moede_update, name="moede_update"),
    path("<int:pk>/moeder/<int:moede_pk>/deltagelse/", views.moede_attendance, name="moede_attendance"),
    path("<int:pk>/moeder/<int:moede_pk>/punkter/ny/", views.punkt_create, name="punkt_create"),
    path("<int:pk>/moeder/<int:moede_pk>/punkter/<int:punkt_pk>/", views.punkt_update, name="punkt_update"),
    path(
        "<int:pk>/moeder/<int:moede_pk>/punkter/<int:punkt_pk>/bilag/",
        views.bilag_upload,
        name="bilag_upload",
    ),
    path(
        "<int:pk>/moeder/<int:moede_pk>/punkter/<int:punkt_pk>/beslutning/",
        views.beslutning_add,
        name="beslutning_add",
    ),
    path(
        "<int:pk>/moeder/<int:moede_pk>/punkter/<int:punkt_pk>/handlingspunkt/",
        views.handlingspunkt_add,
        name="handlingspunkt_add",
    ),
    path("<int:pk>/moeder/<int:moede_pk>/referat/", views.referat_form, name="referat_form"),
    path(
        "<int:pk>/moeder/<int:moede_pk>/referat/<slug:action>/", views.referat_action, name="referat_action"
    ),
    path("<int:pk>/moeder/<int:moede_pk>/pakke/", views.boardpack_detail, name="boardpack_detail"),
    path("<int:pk>/moeder/<int:moede_pk>/pakke/frigiv/", views.boardpack_release, name="boardpack_release"),
    path("<int:pk>/moeder/<int:moede_pk>/pakke.pdf", views.boardpack_pdf, name="boardpack_pdf"),
    path("<int:pk>/bilag/<int:bilag_pk>/", views.bilag_download, name="bilag_download"),
    path("<int:pk>/handlingspunkter/", views.handlingspunkt_list, name="handlingspunkt_list"),
    path(
        "<int:pk>/handlingspunkter/<int:item_pk>/status/",
        views.handlingspunkt_status,
        name="handlingspunkt_status",
    ),
    path("<int:pk>/kriterier/<int:kriterie_pk>/kommentarer/", views.kommentar_add, name="kommentar_add"),
]
