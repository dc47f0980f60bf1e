"""Voluntary Local Reviews (under /vlr/)."""

from django.urls import path

from reviews import views

urlpatterns = [
    path("", views.vlr_home, name="vlr_home"),
    path("<slug:slug>/<int:year>/", views.vlr_draft_page, name="vlr_draft"),
    path("<slug:slug>/<int:year>/goals/", views.vlr_scope, name="vlr_scope"),
    path("<slug:slug>/<int:year>/goals/<int:goal>/", views.vlr_narrative, name="vlr_narrative"),
    path("<slug:slug>/<int:year>/review.pdf", views.vlr_pdf_download, name="vlr_pdf"),
    path("<slug:slug>/<int:year>/review.docx", views.vlr_docx_download, name="vlr_docx"),
]
