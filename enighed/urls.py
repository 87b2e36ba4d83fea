from django.urls import path

from . import views

app_name = "enighed"

urlpatterns = [
    path("plan/<int:pk>/", views.plan_list, name="plan_list"),
    path("plan/<int:pk>/ny/", views.maaling_create, name="maaling_create"),
    path("<int:maaling_pk>/", views.maaling_detail, name="maaling_detail"),
    path("<int:maaling_pk>/spoergsmaal/", views.spoergsmaal_edit, name="spoergsmaal_edit"),
    path("<int:maaling_pk>/besvar/", views.besvar, name="besvar"),
    path("<int:maaling_pk>/resultater/", views.resultater, name="resultater"),
    path("<int:maaling_pk>/resultater.csv", views.resultater_csv, name="resultater_csv"),
    path("<int:maaling_pk>/<slug:action>/", views.maaling_action, name="maaling_action"),
    path("svar/tak/", views.tak, name="tak"),
    path("svar/<str:token>/", views.svar_token, name="svar_token"),
    path("lbf/", views.lbf_oversigt, name="lbf_oversigt"),
]
