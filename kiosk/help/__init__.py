"""呼叫帮助 and 志愿者协助 (issue 8): the help session, the screen mirror, volunteer sign-in."""
