from django.urls import path

from missions import views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("shared/", views.shared_plan_list, name="shared_plan_list"),
    path("notice/", views.overlap_notice, name="mission_overlap_notice"),
    path("sharing/", views.sharing_update, name="mission_sharing_update"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/delete/", views.plan_delete, name="plan_delete"),
]
