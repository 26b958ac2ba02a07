// Tests for TelloSim arrive with its issue.
