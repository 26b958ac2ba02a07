// Tests for Agent arrive with its issue.
