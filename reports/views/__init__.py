"""Report pages, the province dashboard and the charts: thin views over reports.queries.

Who reads what is decided in reports.permissions, for the pages, the charts, the exports and
the API alike.
"""
