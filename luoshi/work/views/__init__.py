"""The working pages under /work/: units report, the supervision office reviews and
publishes, admins import reports and manage accounts. Thin views: who may open a page is
luoshi.work.decorators, permissions come from luoshi.progress.permissions, every change
from luoshi.progress.workflow or luoshi.disclosure.publishing."""
