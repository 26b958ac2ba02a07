// Tests for Wire arrive with its issue.
