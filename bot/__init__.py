"""The domain package of the physical-therapy intake assistant; it never imports Rasa."""
