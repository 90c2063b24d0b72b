"""The public portal's pages: reports.py the report list, a report and its downloads;
portal.py the charts, a task's history, the display preferences and the API guide."""
