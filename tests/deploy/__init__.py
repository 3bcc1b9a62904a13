"""Deployment tests: the Docker/compose/nginx files, and replicas behind a real nginx."""
