class ReadOnlyAdminMixin:
    """For rows that are computed or frozen (snapshots, jobs, released board packs):
    the admin may read them, never add, change or delete them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
