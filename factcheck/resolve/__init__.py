"""Resolve: link the extracted mentions to the knowledge base (office links), settle the article's date from its
date mentions and those links, and resolve relative dates against it. Reads ``extract`` and ``kb``; the rules read
what it produced."""
