// Tests for Scenario arrive with its issue.
