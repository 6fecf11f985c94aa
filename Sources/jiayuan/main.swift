print("jiayuan")
