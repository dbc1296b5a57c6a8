"""Domain logic behind the routes; each function takes the request's database session."""
