print("convrec")
