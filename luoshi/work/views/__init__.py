"""The working pages under /work/: units report, the supervision office reviews and
publishes. Thin views: permissions come from luoshi.progress.permissions, every change
from luoshi.progress.workflow."""
