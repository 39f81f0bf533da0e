"""REST API of assessments: views scope every queryset to the user and leave each change to the services."""
