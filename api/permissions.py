"""Who manages API tokens: coordinators create and revoke them, for any account. What a token may
read is what its user may read: every endpoint asks the apps' own permissions modules."""

from accounts.permissions import is_coordinator


def mag_sleutels_beheren(user) -> bool:
    return is_coordinator(user)
