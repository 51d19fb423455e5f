"""Find the submitted files and read them into grids of cell values (I/O and format sniffing)."""
