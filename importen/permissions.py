from importen.models import Importrun


def mag_importrun_zien(user, run: Importrun) -> bool:
    """Only the person who uploaded the file sees its run: its problems quote the file's cells."""
    return user.is_authenticated and run.door_id == user.pk
