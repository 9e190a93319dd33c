from django.urls import path

from articles import api as article_api
from frameworks import api as framework_api

app_name = "api"
urlpatterns = [
    path("frameworks/", framework_api.framework_list, name="frameworks"),
    path("frameworks/<slug:slug>/", framework_api.framework_detail, name="framework"),
    path("articles/<slug:slug>/", article_api.article_detail, name="article"),
]
