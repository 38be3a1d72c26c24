// placeholder until the schema lands; replaced below
