from django.urls import path

from . import views

app_name = "monitorering"

urlpatterns = [
    path("plan/<int:pk>/", views.plan_status, name="plan_status"),
    path("plan/<int:pk>/genberegn/", views.plan_recompute, name="plan_recompute"),
    path("plan/<int:pk>/job/", views.job_list, name="job_list"),
    path("plan/<int:pk>/import/", views.import_start, name="import_start"),
    path("plan/<int:pk>/import/<int:batch_id>/", views.import_detail, name="import_detail"),
    path("plan/<int:pk>/import/<int:batch_id>/gennemfoer/", views.import_confirm, name="import_confirm"),
    path("plan/<int:pk>/import/<int:batch_id>/fortryd/", views.import_undo, name="import_undo"),
    path("job/", views.job_list_all, name="job_list_all"),
    path("job/<int:job_id>/status.json", views.job_status, name="job_status"),
    path("omraade/<int:pk>/", views.omraade_profil, name="omraade_profil"),
]
