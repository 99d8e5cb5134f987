"""The guided-conversation engine and the flows, free of any messenger's code."""
