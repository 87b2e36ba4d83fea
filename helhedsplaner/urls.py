from django.urls import path

from . import setup_views, views

app_name = "helhedsplaner"

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    # Setting a plan up: LBF registers it, the projektleder and board build it, its lifecycle
    path("ny/", setup_views.plan_register, name="plan_register"),
    path("<int:pk>/stamdata/", setup_views.plan_edit, name="plan_edit"),
    path("<int:pk>/livscyklus/<slug:action>/", setup_views.plan_transition, name="plan_transition"),
    path("<int:pk>/delaftaler/ny/", setup_views.delaftale_create, name="delaftale_create"),
    path(
        "<int:pk>/delaftaler/<int:delaftale_pk>/delmaal/ny/",
        setup_views.delmaal_create,
        name="delmaal_create",
    ),
    # Activities and registrations
    path("<int:pk>/aktiviteter/ny/", views.aktivitet_create, name="aktivitet_create"),
    path("<int:pk>/aktiviteter/<int:aktivitet_pk>/", views.aktivitet_detail, name="aktivitet_detail"),
    path("<int:pk>/aktiviteter/<int:aktivitet_pk>/rediger/", views.aktivitet_update, name="aktivitet_update"),
    path("<int:pk>/aktiviteter/<int:aktivitet_pk>/afslut/", views.aktivitet_close, name="aktivitet_close"),
    path(
        "<int:pk>/aktiviteter/<int:aktivitet_pk>/registrer/",
        views.registrering_create,
        name="registrering_create",
    ),
    path(
        "<int:pk>/aktiviteter/<int:aktivitet_pk>/registrer/maaned/",
        views.registrering_bulk,
        name="registrering_bulk",
    ),
    path(
        "<int:pk>/registreringer/<int:registrering_pk>/slet/",
        views.registrering_delete,
        name="registrering_delete",
    ),
    # Delmål
    path("<int:pk>/delmaal/<int:delmaal_pk>/rediger/", views.delmaal_update, name="delmaal_update"),
    # Status reports
    path("<int:pk>/statusrapporter/", views.statusrapport_list, name="statusrapport_list"),
    path(
        "<int:pk>/statusrapporter/ny/<int:delaftale_pk>/",
        views.statusrapport_create,
        name="statusrapport_create",
    ),
    path(
        "<int:pk>/statusrapporter/<int:rapport_pk>/",
        views.statusrapport_detail,
        name="statusrapport_detail",
    ),
    path(
        "<int:pk>/statusrapporter/<int:rapport_pk>/rediger/",
        views.statusrapport_update,
        name="statusrapport_update",
    ),
    path(
        "<int:pk>/statusrapporter/<int:rapport_pk>/<slug:action>/",
        views.statusrapport_transition,
        name="statusrapport_transition",
    ),
    # History
    path("<int:pk>/historik/<slug:model>/<int:object_pk>/", views.history, name="history"),
]
