// Tests for TelloSDK arrive with its issue.
