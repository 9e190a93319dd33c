from django.urls import path

from frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("frameworks/", views.framework_list, name="list"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="detail"),
    path("compare/", views.compare, name="compare"),
    path("choose/", views.choose_by_need, name="choose"),
]
