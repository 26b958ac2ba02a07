// Module Bridge3002: see ../shared/DESIGN.md. Sources arrive with its issue.
