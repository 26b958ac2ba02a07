// Tests for Bridge3002 arrive with its issue.
