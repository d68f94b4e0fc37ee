"""Units of measure: UN/ECE Rec 20 codes, exact conversion, material-specific units."""
