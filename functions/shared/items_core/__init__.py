"""Rules shared by the items functions: what a valid item is and where it is stored.

Standard library only. This folder is not deployed on its own: each function folder
(``functions/api``, ``functions/importer``, ``functions/worker``) holds a symbolic link
``items_core -> ../shared/items_core``, so the package is packed into each function's zip and
imported as a top-level package there. One implementation, three zips, no copy.
"""
