// Tests for Planner arrive with its issue.
