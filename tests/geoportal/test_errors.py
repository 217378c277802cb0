"""Every 400 reads one way: `detail` (a reason) and, where one field is at fault, `field`."""

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from geoportal.errors import ValidationFailed, api_exception_handler


def test_domain_error_body():
    response = api_exception_handler(ValidationFailed("bbox: west > east", field="bbox"), {})
    assert response.status_code == 400
    assert response.data == {"detail": "bbox: west > east", "field": "bbox"}


def test_serializer_error_keeps_its_fields_and_gains_detail_and_field():
    class Input(serializers.Serializer):
        rating = serializers.IntegerField(min_value=1, max_value=5)

    data = Input(data={"rating": 9})
    assert not data.is_valid()
    response = api_exception_handler(ValidationError(data.errors), {})
    assert response.status_code == 400
    assert response.data["field"] == "rating"
    assert response.data["rating"] == [response.data["detail"]]


def test_nested_and_non_field_errors():
    response = api_exception_handler(ValidationError({"contact": {"email": ["bad e-mail"]}}), {})
    assert (response.data["field"], response.data["detail"]) == ("contact.email", "bad e-mail")
    response = api_exception_handler(ValidationError({"non_field_errors": ["pick one"]}), {})
    assert response.data["detail"] == "pick one" and "field" not in response.data
