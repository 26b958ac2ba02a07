// Module Planner: see ../shared/DESIGN.md. Sources arrive with its issue.
