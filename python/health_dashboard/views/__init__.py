"""One module per dashboard page (not `pages/`: Streamlit would run those as pages of its own), each with a `render()` Streamlit calls."""
